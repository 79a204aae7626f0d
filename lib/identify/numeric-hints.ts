import { PLAIN_NUMBER } from "./plain-number";

const NON_FINITE = /^[+-]?(?:nan|inf|infinity|∞)$/i;
const RADIX_PREFIXED = /^([+-]?)(0[xob][0-9a-z]*)$/i;
const THOUSANDS_GROUPED = /^[+-]?\d{1,3}([,' _\u00a0\u202f])\d{3}(?:\1\d{3})*(?:\.\d+)?$/;
const GROUPED_WITH_DECIMAL_COMMA = /^[+-]?\d{1,3}([. '\u00a0\u202f])\d{3}(?:\1\d{3})*,\d+$/;
const DECIMAL_COMMA = /^[+-]?\d*,\d+$/;
const NUMBER_INSIDE_TEXT = /[+-]?(?:\d[\d.,]*|\.\d+)(?:[eE][+-]?\d+)?/;
const UNIT_OR_SYMBOL = /[^\d.,+\-\s]/;

/** The fix for a value that is not a plain number: what to write instead, with the user's own number where possible. */
export function describeNonPlainNumber(text: string): string {
  if (NON_FINITE.test(text)) {
    return "NaN and Infinity can't be stored as numbers; write a finite number, e.g. 0";
  }
  const radix = RADIX_PREFIXED.exec(text);
  if (radix) {
    const decimal = Number(radix[2]);
    const example = Number.isFinite(decimal) ? `${radix[1]}${decimal}` : "16";
    return `Write the number in decimal digits, e.g. ${example}`;
  }
  const regrouped = describeRegrouped(text);
  if (regrouped) return regrouped;
  if (/\d/.test(text) && UNIT_OR_SYMBOL.test(text)) {
    return `Write a plain number without units or symbols, e.g. ${plainNumberInside(text) ?? "12"}`;
  }
  if (/\s/.test(text)) return "Remove the spaces inside the number";
  if (text.includes(",")) return "Write a plain number without commas, e.g. 1000 or 3.5";
  return /\d/.test(text)
    ? "Write a plain number, e.g. 1000, -3.5 or 1e3"
    : "Enter a number using digits, e.g. 12 or -3.5";
}

function describeRegrouped(text: string): string | undefined {
  const plain = regroupedAsPlain(text);
  if (plain === undefined) return undefined;
  if (THOUSANDS_GROUPED.test(text)) return `Remove the thousands separators: write ${plain}`;
  if (GROUPED_WITH_DECIMAL_COMMA.test(text)) {
    return `Use a dot for decimals and no thousands separators: write ${plain}`;
  }
  return `Use a dot for decimals: write ${plain}`;
}

/** `1,000` → `1000`, `3,5` → `3.5`, `1.234,5` → `1234.5`; undefined when the text is not written that way. */
function regroupedAsPlain(text: string): string | undefined {
  const separator = THOUSANDS_GROUPED.exec(text)?.[1];
  if (separator !== undefined) return text.replaceAll(separator, "");
  const europeanSeparator = GROUPED_WITH_DECIMAL_COMMA.exec(text)?.[1];
  if (europeanSeparator !== undefined) return text.replaceAll(europeanSeparator, "").replace(",", ".");
  if (DECIMAL_COMMA.test(text)) return text.replace(",", ".");
  return undefined;
}

function plainNumberInside(text: string): string | undefined {
  const found = NUMBER_INSIDE_TEXT.exec(text)?.[0];
  if (found === undefined) return undefined;
  // "-$5": the minus sign sits before the symbol, outside the digits found.
  const signed = text.trimStart().startsWith("-") && !/^[+-]/.test(found) ? `-${found}` : found;
  if (PLAIN_NUMBER.test(signed)) return signed;
  return regroupedAsPlain(signed);
}
