import { useTranslation } from '@backtalk/console/i18n';

/**
 * A metric's definition in the console's language: the API sends its English sentence, and the catalogue holds the
 * same sentence translated. A definition the API did not send stays missing, so callers can fall back to another.
 */
export function useDefinitions(fromApi: Readonly<Record<string, string>>): (key: string) => string | undefined {
  const { t, i18n } = useTranslation('reports');
  return (key) => {
    const sent = fromApi[key];
    if (sent === undefined) return undefined;
    return i18n.exists(`definitions.${key}`, { ns: 'reports' }) ? t(`definitions.${key}`) : sent;
  };
}
