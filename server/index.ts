import { EnvError, parseEnv } from '@/lib/env';
import { startServer } from './app';

// Entry point of `npm run dev` and `npm start`: one process serving Next.js and socket.io.
async function main() {
  let env;
  try {
    env = parseEnv();
  } catch (error) {
    if (error instanceof EnvError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
  const server = await startServer({ env, dev: env.NODE_ENV !== 'production' });

  let isShuttingDown = false;
  const shutdown = async (signal: string) => {
    if (isShuttingDown) return;
    isShuttingDown = true;
    console.log(`[mockroom] ${signal}: shutting down`);
    const timeout = setTimeout(() => {
      console.error('[mockroom] shutdown took over 10 s, exiting');
      process.exit(1);
    }, 10_000);
    timeout.unref();
    try {
      await server.stop();
      console.log('[mockroom] stopped');
      process.exit(0);
    } catch (error) {
      console.error('[mockroom] shutdown failed', error);
      process.exit(1);
    }
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));
}

main().catch((error) => {
  console.error('[mockroom] failed to start:', error instanceof Error ? error.message : error);
  process.exit(1);
});
