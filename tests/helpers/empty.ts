// Stands in for `server-only` under Vitest: the real module throws when imported outside the
// react-server condition, which tests do not set.
export {};
