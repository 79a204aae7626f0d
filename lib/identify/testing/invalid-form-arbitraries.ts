import fc from "fast-check";
import type { IdentifyFormValues, PropertyRow } from "../schema";
import {
  calendarYearArb,
  daysInMonthByDate,
  exactNumberArb,
  isoInstantArb,
  validFormCaseArb,
  validIdArb,
} from "./valid-form-arbitraries";

export type InvalidCase = { values: IdentifyFormValues; path: (string | number)[]; kind: string };

type GroupField = "properties" | "companyProperties";

const whitespaceArb = fc.constantFrom(" ", "  ", "\t", "\n", "\u00a0", "\u3000");
const lettersArb = fc.string({
  unit: fc.constantFrom(..."abcdfghijklmnopqrstuvwxyzABCDFGHXYZ"),
  minLength: 1,
  maxLength: 4,
});
const plainNumberArb = fc.integer({ min: -1_000_000, max: 1_000_000 }).map(String);

const padded = (text: string) =>
  fc
    .tuple(whitespaceArb, fc.constantFrom("start", "end", "both"))
    .map(([space, where]) =>
      where === "start" ? `${space}${text}` : where === "end" ? `${text}${space}` : `${space}${text}${space}`,
    );

export const badNumericArb = fc.oneof(
  fc.integer({ min: 1000, max: 10 ** 12 }).map((n) => n.toLocaleString("en-US")),
  fc.tuple(fc.nat(999), fc.integer({ min: 1, max: 99 })).map(([whole, decimals]) => `${whole},${decimals}`),
  fc.tuple(plainNumberArb, lettersArb).map(([n, letters]) => `${n}${letters}`),
  fc.tuple(lettersArb, plainNumberArb).map(([letters, n]) => `${letters}${n}`),
  plainNumberArb.chain((n) => fc.constantFrom(`${n}%`, `${n} %`, `$${n}`, `€${n}`, `${n} USD`)),
  exactNumberArb.chain((n) => padded(String(n))),
  fc.constantFrom("", " ", "NaN", "Infinity", "-Infinity", "1e400", "-1e999", "∞"),
  fc.nat().map((n) => `0x${n.toString(16)}`),
  fc
    .tuple(fc.constantFrom("", "-"), fc.bigInt({ min: 2n ** 53n, max: 10n ** 30n }))
    .map(([sign, n]) => `${sign}${n}`),
);

const pad = (value: number, width = 2) => String(value).padStart(width, "0");

export const badDateArb = fc.oneof(
  isoInstantArb.map((iso) => `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`),
  isoInstantArb.map((iso) => `${iso.slice(5, 7)}/${iso.slice(8, 10)}/${iso.slice(0, 4)}`),
  fc.record({ year: calendarYearArb, month: fc.integer({ min: 1, max: 12 }) }).chain(({ year, month }) => {
    const firstMissingDay = daysInMonthByDate(year, month) + 1;
    return fc
      .oneof(fc.constant(firstMissingDay), fc.integer({ min: firstMissingDay, max: 99 }))
      .map((day) => `${pad(year, 4)}-${pad(month)}-${pad(day)}`);
  }),
  fc.integer({ min: 13, max: 99 }).map((month) => `2025-${pad(month)}-01`),
  isoInstantArb.map((iso) => iso.slice(0, 16)),
  isoInstantArb.map((iso) => iso.slice(0, 19)),
  fc.integer({ min: 24, max: 99 }).map((hour) => `2025-02-01T${pad(hour)}:00:00Z`),
  fc.integer({ min: 60, max: 99 }).map((minute) => `2025-02-01T10:${pad(minute)}Z`),
  fc.integer({ min: 60, max: 99 }).map((second) => `2025-02-01T10:00:${pad(second)}Z`),
  fc
    .tuple(fc.constantFrom("+", "-"), fc.integer({ min: 14 * 60 + 1, max: 99 * 60 + 59 }))
    .map(
      ([sign, minutes]) => `2025-02-01T10:00:00${sign}${pad(Math.floor(minutes / 60))}:${pad(minutes % 60)}`,
    ),
  isoInstantArb.chain((iso) => padded(iso.slice(0, 10))),
  fc.constantFrom("", "tomorrow", "2025-02-01T10:00:00 +02:00", "1738368000"),
);

const uniqueName = (rows: PropertyRow[], base: string) => {
  let name = base;
  while (rows.some((row) => row.name === name)) name += "_";
  return name;
};

const withRowAt = (rows: PropertyRow[], index: number, row: PropertyRow) => [
  ...rows.slice(0, index),
  row,
  ...rows.slice(index),
];

/** Adds a company when the form has none, so company rows are valid apart from what is injected. */
const ensureCompany = (values: IdentifyFormValues, field: GroupField): IdentifyFormValues =>
  field === "companyProperties" && values.companyId === "" ? { ...values, companyId: "acme" } : values;

const rowInjection = (
  kind: string,
  rowArb: (rows: PropertyRow[]) => fc.Arbitrary<PropertyRow>,
  part: "name" | "value",
) =>
  fc
    .record({ form: validFormCaseArb, field: fc.constantFrom<GroupField>("properties", "companyProperties") })
    .chain(({ form, field }) => {
      const values = ensureCompany(form.values, field);
      const rows = values[field];
      return fc
        .record({ row: rowArb(rows), index: fc.integer({ min: 0, max: rows.length }) })
        .map(({ row, index }): InvalidCase => ({
          values: { ...values, [field]: withRowAt(rows, index, row) },
          path: [field, index, part],
          kind,
        }));
    });

const badValueInjection = (type: "numeric" | "date", valueArb: fc.Arbitrary<string>) =>
  rowInjection(
    `bad ${type}`,
    (rows) => valueArb.map((value) => ({ name: uniqueName(rows, "injected"), type, value })),
    "value",
  );

const duplicateNameInjection = fc
  .record({ form: validFormCaseArb, field: fc.constantFrom<GroupField>("properties", "companyProperties") })
  .filter(({ form, field }) => form.values[field].length > 0)
  .chain(({ form, field }) => {
    const rows = form.values[field];
    return fc.integer({ min: 0, max: rows.length - 1 }).chain((original) =>
      fc.integer({ min: original + 1, max: rows.length }).map((index): InvalidCase => {
        const copied = rows[original] ?? { name: "", type: "string", value: "" };
        return {
          values: {
            ...form.values,
            [field]: withRowAt(rows, index, { ...copied, type: "string", value: "dup" }),
          },
          path: [field, index, "name"],
          kind: "duplicate name",
        };
      }),
    );
  });

const paddedNameInjection = rowInjection(
  "padded name",
  (rows) => padded(uniqueName(rows, "plan")).map((name) => ({ name, type: "string", value: "x" })),
  "name",
);

const companyRowNamedIdInjection = validFormCaseArb.chain((form) => {
  const values = ensureCompany(form.values, "companyProperties");
  return fc.integer({ min: 0, max: values.companyProperties.length }).map((index): InvalidCase => ({
    values: {
      ...values,
      companyProperties: withRowAt(values.companyProperties, index, {
        name: "id",
        type: "string",
        value: "c2",
      }),
    },
    path: ["companyProperties", index, "name"],
    kind: "company row named id",
  }));
});

const paddedUserIdInjection = fc
  .record({ form: validFormCaseArb, id: validIdArb.chain(padded) })
  .map(({ form, id }): InvalidCase => ({
    values: { ...form.values, userId: id },
    path: ["userId"],
    kind: "padded user id",
  }));

const paddedCompanyIdInjection = fc
  .record({ form: validFormCaseArb, id: validIdArb.chain(padded) })
  .map(({ form, id }): InvalidCase => ({
    values: { ...form.values, companyId: id },
    path: ["companyId"],
    kind: "padded company id",
  }));

const companyRowsWithoutIdInjection = validFormCaseArb.map(({ values }): InvalidCase => {
  const companyProperties: PropertyRow[] =
    values.companyProperties.length > 0
      ? values.companyProperties
      : [{ name: "name", type: "string", value: "Acme" }];
  return {
    values: { ...values, companyId: "", companyProperties },
    path: ["companyId"],
    kind: "company rows without id",
  };
});

/** A valid form with exactly one thing wrong, and the path where the form must report it. */
export const invalidFormCaseArb: fc.Arbitrary<InvalidCase> = fc.oneof(
  badValueInjection("numeric", badNumericArb),
  badValueInjection("date", badDateArb),
  duplicateNameInjection,
  paddedNameInjection,
  companyRowNamedIdInjection,
  paddedUserIdInjection,
  paddedCompanyIdInjection,
  companyRowsWithoutIdInjection,
);
