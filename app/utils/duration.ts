/** "12 menit", "3 jam", "2 hari" (or English): how far away an instant is, for time-left labels. */
export function roughDuration(ms: number, language: string): string {
  const minutes = Math.max(1, Math.round(Math.abs(ms) / 60_000))
  const [value, unit] =
    minutes < 60
      ? [minutes, 'minute']
      : minutes < 48 * 60
        ? [Math.round(minutes / 60), 'hour']
        : [Math.round(minutes / 1440), 'day']
  return new Intl.NumberFormat(language === 'en' ? 'en' : 'id', {
    style: 'unit',
    unit: unit as 'minute',
    unitDisplay: 'long',
  }).format(value as number)
}
