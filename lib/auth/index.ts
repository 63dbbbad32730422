import NextAuth from 'next-auth';
import { getServices } from '@/lib/services';
import { buildAuthConfig } from './config';

// Lazy: the configuration is built on the first request, from the services that
// server/index.ts registered, so importing this module (as `next build` does) opens nothing.
export const { handlers, auth, signIn, signOut } = NextAuth(() => buildAuthConfig(getServices()));
