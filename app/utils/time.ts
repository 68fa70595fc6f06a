/** Formats an instant in the tenant's timezone with its Indonesian zone name (WIB, WITA, WIT). */
export function formatInZone(
  date: Date,
  timeZone: string,
  language: string,
  options: Intl.DateTimeFormatOptions,
) {
  return new Intl.DateTimeFormat(language === 'en' ? 'en-GB' : 'id-ID', { timeZone, ...options }).format(date)
}

export const ZONE_ABBREVIATION: Record<string, string> = {
  'Asia/Jakarta': 'WIB',
  'Asia/Pontianak': 'WIB',
  'Asia/Makassar': 'WITA',
  'Asia/Jayapura': 'WIT',
}
