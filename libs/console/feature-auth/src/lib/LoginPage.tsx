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

function missingFields({ email, password }: Credentials): Partial<Record<keyof Credentials, string>> {
  return {
    ...(email.trim() ? {} : { email: 'Enter your email address.' }),
    ...(password ? {} : { password: 'Enter your password.' }),
  };
}

export function LoginPage() {
  useDocumentTitle('Sign in');
  const status = useSessionStatus();
  const endReason = useSessionEndReason();
  const [params] = useSearchParams();
  const signIn = useSignIn();
  const [credentials, setCredentials] = useState<Credentials>({ email: '', password: '' });
  const [missing, setMissing] = useState<Partial<Record<keyof Credentials, string>>>({});

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
        <h1 className="bt-login__title">Sign in</h1>
        <p className="bt-login__subtitle">Answer your customers' text messages together.</p>

        {serverErrors.form ? (
          <Banner tone="danger">{serverErrors.form}</Banner>
        ) : endReason === 'expired' ? (
          <Banner tone="info">Your session has expired. Sign in to continue.</Banner>
        ) : null}

        <form className="bt-form" onSubmit={submit} noValidate>
          <TextField
            label="Email"
            type="email"
            name="email"
            autoComplete="username"
            autoFocus
            value={credentials.email}
            onChange={update('email')}
            error={missing.email ?? serverErrors.fields['email']}
          />
          <TextField
            label="Password"
            type="password"
            name="password"
            autoComplete="current-password"
            value={credentials.password}
            onChange={update('password')}
            error={missing.password ?? serverErrors.fields['password']}
          />
          <Button type="submit" variant="primary" pending={signIn.isPending} className="bt-login__submit">
            Sign in
          </Button>
        </form>
      </main>
    </div>
  );
}
