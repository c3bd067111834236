import { applyDetectedLanguage } from '@backtalk/console/i18n';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app';

// Every library registers its messages when app.tsx imports it; the language is settled before anything renders, so
// the first paint is already in it.
applyDetectedLanguage();

const container = document.getElementById('root');
if (!container) throw new Error('index.html has no #root element to render into.');

createRoot(container).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
