/** A certificate validity date for people: local date and time, or the raw text when it does not parse. */
export function formatCertificateDate(value: string, locale?: string): string {
  const time = Date.parse(value);
  if (!Number.isFinite(time)) return value;
  return new Date(time).toLocaleString(locale, { dateStyle: 'medium', timeStyle: 'short' });
}
