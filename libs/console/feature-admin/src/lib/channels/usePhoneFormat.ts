import { useEffect, useState } from 'react';

type Format = (e164: string) => string;

const unchanged: Format = (value) => value;
let loaded: Format | undefined;
let loading: Promise<Format> | undefined;

// libphonenumber's metadata is larger than the rest of the console: it is fetched by the first page that shows
// numbers, not with the app.
function loadFormat(): Promise<Format> {
  loading ??= import('@backtalk/phone').then(
    (phone) => (loaded = phone.formatPhone),
    () => {
      loading = undefined;
      return unchanged;
    },
  );
  return loading;
}

/** Formats E.164 numbers for people (`+1 415 555 0123`); shows them as stored until the formatter has loaded. */
export function usePhoneFormat(): Format {
  const [format, setFormat] = useState<Format>(() => loaded ?? unchanged);
  useEffect(() => {
    if (loaded) return;
    let mounted = true;
    void loadFormat().then((next) => {
      if (mounted) setFormat(() => next);
    });
    return () => {
      mounted = false;
    };
  }, []);
  return format;
}
