export const en = {
  signIn: {
    title: 'Sign in',
    subtitle: "Answer your customers' text messages together.",
    expired: 'Your session has expired. Sign in to continue.',
    email: 'Email',
    password: 'Password',
    submit: 'Sign in',
    enterEmail: 'Enter your email address.',
    enterPassword: 'Enter your password.',
    language: 'Language',
  },
  loading: 'Loading {product}…',
} as const;
