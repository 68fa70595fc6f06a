import { useTranslation } from 'react-i18next'

/** The refusal an action returned (a translated message key and its parameters), announced to screen readers. */
export function FormError({
  error,
}: {
  error: { messageKey: string; params: Record<string, string | number> } | null | undefined
}) {
  const { t } = useTranslation()
  if (!error) return null
  return (
    <div className="alert alert-error" role="alert">
      {t(error.messageKey, error.params)}
    </div>
  )
}
