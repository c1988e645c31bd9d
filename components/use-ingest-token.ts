'use client';
// The write token, asked once per browser session: sessionStorage ends with the tab, so a shared
// machine does not keep it, and it is never put in the URL.
import { useCallback, useEffect, useState } from 'react';

const KEY = 'situation-map:ingest-token';

export function useIngestToken(): [string, (token: string) => void] {
  const [token, setToken] = useState('');
  useEffect(() => {
    try {
      setToken(sessionStorage.getItem(KEY) ?? '');
    } catch {
      // storage blocked (private mode, sandboxed frame): the token lives in memory only
    }
  }, []);
  const save = useCallback((t: string) => {
    setToken(t);
    try {
      if (t) sessionStorage.setItem(KEY, t);
      else sessionStorage.removeItem(KEY);
    } catch {
      // as above
    }
  }, []);
  return [token, save];
}
