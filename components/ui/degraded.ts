/** What a signed-in user reads while the database cannot be reached (issue 9 #11). */
export const DEGRADED_MESSAGE =
  'mockroom cannot reach its database right now. You are still signed in; pages that need stored data will work again once it is back.';
