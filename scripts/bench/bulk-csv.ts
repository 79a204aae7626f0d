export const BENCH_ROWS = 100_000;
export const BENCH_COLUMNS = 20;

/** Every kind of column the check handles: ids, text, numbers, dates, leading zeros, 19-digit ids, empty cells. */
export function generateBenchCsv(rows = BENCH_ROWS): string {
  const headers = ["user_id", "company_id", "email", "name", "plan", "seats", "mrr", "score", "signed_up", "renewal", "last_login", "account_no", "legacy_id", "region", "team_size", "nps", "trial", "country", "tier", "note"];
  if (headers.length !== BENCH_COLUMNS) throw new Error("the header list must have 20 columns");
  const lines = [headers.join(",")];
  for (let i = 1; i <= rows; i++) {
    const day = String((i % 28) + 1).padStart(2, "0");
    lines.push(
      [
        `user_${i}`, `co_${i % 997}`, `user${i}@example.com`, `User ${i}`, ["free", "pro", "team"][i % 3], String(i % 500), (i * 1.25).toFixed(2),
        String(i % 100), `2023-03-${day}`, `2025-01-${day}T10:00:00Z`, i % 5 === 0 ? "" : `2024-06-${day}`, String(i).padStart(8, "0"),
        `9${String(i).padStart(18, "0")}`, ["eu", "us", "apac"][i % 3], String(i % 40), String((i % 11) - 1), i % 2 === 0 ? "yes" : "no",
        ["DE", "FR", "US", "JP"][i % 4], String(i % 4), i % 1000 === 0 ? `"line one\nline two"` : `note ${i}`,
      ].join(","),
    );
  }
  return `${lines.join("\n")}\n`;
}
