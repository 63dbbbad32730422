/**
 * Who is online in each interview room of this process: user → their connected sockets, so
 * the same person in two tabs counts once. Volatile by design: never stored.
 */
export class PresenceTracker {
  private readonly rooms = new Map<string, Map<string, Set<string>>>();

  /** Returns true when the set of online users changed. */
  add(interviewId: string, userId: string, socketId: string): boolean {
    let users = this.rooms.get(interviewId);
    if (!users) this.rooms.set(interviewId, (users = new Map()));
    let sockets = users.get(userId);
    const isNew = !sockets;
    if (!sockets) users.set(userId, (sockets = new Set()));
    sockets.add(socketId);
    return isNew;
  }

  /** Returns true when the set of online users changed. */
  remove(interviewId: string, userId: string, socketId: string): boolean {
    const users = this.rooms.get(interviewId);
    const sockets = users?.get(userId);
    if (!users || !sockets?.delete(socketId)) return false;
    if (sockets.size > 0) return false;
    users.delete(userId);
    if (users.size === 0) this.rooms.delete(interviewId);
    return true;
  }

  online(interviewId: string): string[] {
    return [...(this.rooms.get(interviewId)?.keys() ?? [])].sort();
  }

  /** Number of sockets (tabs) connected to the room. */
  socketCount(interviewId: string): number {
    let count = 0;
    for (const sockets of this.rooms.get(interviewId)?.values() ?? []) count += sockets.size;
    return count;
  }
}
