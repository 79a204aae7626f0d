/** "2 minutes", "1 minute", "45 seconds": how the sign-in form words a wait. */
export function waitInWords(seconds: number): string {
  if (seconds < 60) return `${seconds} second${seconds === 1 ? "" : "s"}`;
  const minutes = Math.ceil(seconds / 60);
  return `${minutes} minute${minutes === 1 ? "" : "s"}`;
}

export const accountLockedMessage = (seconds: number) =>
  `Too many attempts for this account. Try again in ${waitInWords(seconds)}.`;

export const tooManyAttemptsMessage = (seconds: number) =>
  `Too many sign-in attempts. Try again in ${waitInWords(seconds)}.`;
