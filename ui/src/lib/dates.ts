// Dates are stored as YYYY-MM-DD and shown the UK way: "14 March 2019".

const MONTHS = [
  "January",
  "February",
  "March",
  "April",
  "May",
  "June",
  "July",
  "August",
  "September",
  "October",
  "November",
  "December",
] as const;

type Parts = { year: number; month: number; day: number };

function parseIso(iso: string): Parts | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso.trim());
  if (match === null) return null;
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  if (month < 1 || month > 12 || day < 1) return null;
  // Day 0 of the next month is the last day of this one.
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return day > daysInMonth ? null : { year, month, day };
}

/** "2019-03-14" → "14 March 2019". Anything else is shown exactly as it is. */
export function formatDate(iso: string): string {
  const parts = parseIso(iso);
  return parts === null ? iso : `${parts.day} ${MONTHS[parts.month - 1]} ${parts.year}`;
}

/** "2019-03-14" → "14/03/2019", how dates are typed into the forms. Anything else is kept. */
export function isoToTyped(iso: string): string {
  const parts = parseIso(iso);
  if (parts === null) return iso;
  const two = (n: number) => String(n).padStart(2, "0");
  return `${two(parts.day)}/${two(parts.month)}/${parts.year}`;
}

/** The academic year starting in `start`: 2026 → "2026/27". */
export function academicYearLabel(start: number): string {
  return `${start}/${String((start + 1) % 100).padStart(2, "0")}`;
}
