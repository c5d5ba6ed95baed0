import { useCallback, useEffect, useState } from 'react';
import { ApiError, messageOf } from './api';
import { fetchProfile, type Profile } from './identity';
import { loadSession } from './session';

/** GET /api/me for the page: the profile once it came, or the error to show (a 401 leaves the page). */
export function useProfile() {
  const [profile, setProfile] = useState<Profile | null>(null);
  const [error, setError] = useState<string | null>(null);

  const reload = useCallback(async () => {
    setError(null);
    try {
      setProfile(await fetchProfile());
    } catch (e) {
      // api.ts has already ended the session and is on its way to the login page.
      if (e instanceof ApiError && e.status === 401) return;
      setError(messageOf(e));
    }
  }, []);

  useEffect(() => {
    if (loadSession()) void reload();
  }, [reload]);

  return { profile, error, reload: () => void reload() };
}
