import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';

/**
 * `astro preview` of dist/ on 127.0.0.1:`port`, for the benchmarks that load built pages in a
 * browser. The port must be free: nothing else may answer in the preview's place.
 */
export async function servePreview(port: number): Promise<{ origin: string; close: () => Promise<void> }> {
  await assertPortFree(port);
  const preview = spawn('npx', ['astro', 'preview', '--host', '127.0.0.1', '--port', String(port)], { stdio: 'ignore', detached: true });
  const origin = `http://127.0.0.1:${port}`;
  try {
    await waitForServer(`${origin}/`, 30_000);
  } catch (e) {
    stop(preview);
    throw e;
  }
  return {
    origin,
    close: async () => {
      await stop(preview);
      // npx exits before the server it started has let go of the port.
      for (let i = 0; i < 40; i++) {
        if (await assertPortFree(port).then(() => true, () => false)) return;
        await new Promise((r) => setTimeout(r, 250));
      }
    },
  };
}

/** Stops the preview; resolves once it has exited, so that the port is free for the next bench. */
function stop(p: ChildProcess): Promise<void> {
  if (p.exitCode !== null || p.signalCode !== null) return Promise.resolve();
  const exited = new Promise<void>((done) => p.once('exit', () => done()));
  try {
    if (p.pid) process.kill(-p.pid);
  } catch {
    p.kill();
  }
  return exited;
}

function assertPortFree(port: number) {
  return new Promise<void>((done, fail) => {
    const server = createServer();
    server.once('error', () => fail(new Error(`port ${port} is in use: stop what listens there, or set BENCH_PORT`)));
    server.listen(port, '127.0.0.1', () => server.close(() => done()));
  });
}

async function waitForServer(url: string, timeoutMs: number) {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    try {
      const res = await fetch(url);
      if (res.ok) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${url} did not answer within ${timeoutMs} ms`);
}
