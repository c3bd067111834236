import { useTranslation } from '@backtalk/console/i18n';

/**
 * A metric's definition in the console's language. The catalogue is the one place the sentences are written: reports
 * send numbers only. A key without a definition stays missing, so callers can fall back to another.
 */
export function useDefinitions(): (key: string) => string | undefined {
  const { t, i18n } = useTranslation('reports');
  return (key) => (i18n.exists(`definitions.${key}`, { ns: 'reports' }) ? t(`definitions.${key}`) : undefined);
}
