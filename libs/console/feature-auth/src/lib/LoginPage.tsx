import { CONSOLE_LANGUAGES, LANGUAGE_NAMES, setConsoleLanguage, useConsoleLanguage, useTranslation } from '@backtalk/console/i18n';
import { toFormErrors, useSessionEndReason, useSessionStatus, useSignIn } from '@backtalk/console/data-access';
import { Banner, Button, Icon, PRODUCT_NAME, TextField, useDocumentTitle } from '@backtalk/console/ui';
import { useState, type FormEvent } from 'react';
import { Navigate, useSearchParams } from 'react-router-dom';
import { SessionLoading } from './guards';
import { safeNextPath } from './redirects';
import './login.css';

interface Credentials {
  email: string;
  password: string;
}

function missingFields({ email, password }: Credentials): Partial<Record<keyof Credentials, 'signIn.enterEmail' | 'signIn.enterPassword'>> {
  return {
    ...(email.trim() ? {} : { email: 'signIn.enterEmail' }),
    ...(password ? {} : { password: 'signIn.enterPassword' }),
  };
}

/** Before anyone is signed in, the page speaks what the browser asks for; this lets a person pick the other one. */
function LanguageChoice() {
  const { t } = useTranslation('auth');
  const current = useConsoleLanguage();
  return (
    <nav className="bt-login__languages" aria-label={t('signIn.language')}>
      {CONSOLE_LANGUAGES.map((language) => (
        <button key={language} type="button" lang={language} translate="no" className="bt-login__language" aria-pressed={language === current} onClick={() => setConsoleLanguage(language)}>
          {LANGUAGE_NAMES[language]}
        </button>
      ))}
    </nav>
  );
}

export function LoginPage() {
  const { t } = useTranslation('auth');
  useDocumentTitle(t('signIn.title'));
  const status = useSessionStatus();
  const endReason = useSessionEndReason();
  const [params] = useSearchParams();
  const signIn = useSignIn();
  const [credentials, setCredentials] = useState<Credentials>({ email: '', password: '' });
  const [missing, setMissing] = useState<ReturnType<typeof missingFields>>({});

  if (status === 'restoring') return <SessionLoading />;
  // Signing in flips the session to authenticated; this redirect is what leaves the page.
  if (status === 'authenticated') return <Navigate to={safeNextPath(params.get('next'))} replace />;

  const serverErrors = toFormErrors(signIn.error, ['email', 'password']);
  const update = (field: keyof Credentials) => (event: { target: { value: string } }) =>
    setCredentials((current) => ({ ...current, [field]: event.target.value }));

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const problems = missingFields(credentials);
    setMissing(problems);
    if (Object.keys(problems).length > 0) return;
    signIn.mutate({ email: credentials.email.trim(), password: credentials.password });
  };

  return (
    <div className="bt-login">
      <main className="bt-login__card">
        <div className="bt-login__brand">
          <span className="bt-login__logo">
            <Icon name="message" size={18} />
          </span>
          {PRODUCT_NAME}
        </div>
        <h1 className="bt-login__title">{t('signIn.title')}</h1>
        <p className="bt-login__subtitle">{t('signIn.subtitle')}</p>

        {serverErrors.form ? (
          <Banner tone="danger">{serverErrors.form}</Banner>
        ) : endReason === 'expired' ? (
          <Banner tone="info">{t('signIn.expired')}</Banner>
        ) : null}

        <form className="bt-form" onSubmit={submit} noValidate>
          <TextField
            label={t('signIn.email')}
            type="email"
            name="email"
            autoComplete="username"
            autoFocus
            value={credentials.email}
            onChange={update('email')}
            error={missing.email ? t(missing.email) : serverErrors.fields['email']}
          />
          <TextField
            label={t('signIn.password')}
            type="password"
            name="password"
            autoComplete="current-password"
            value={credentials.password}
            onChange={update('password')}
            error={missing.password ? t(missing.password) : serverErrors.fields['password']}
          />
          <Button type="submit" variant="primary" pending={signIn.isPending} className="bt-login__submit">
            {t('signIn.submit')}
          </Button>
        </form>
        <LanguageChoice />
      </main>
    </div>
  );
}
