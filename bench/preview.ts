import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';

/**
 * `astro preview` of dist/ on 127.0.0.1:`port`, for the benchmarks that load built pages in a
 * browser. The port must be free: nothing else may answer in the preview's place.
 */
export async function servePreview(port: number): Promise<{ origin: string; close: () => void }> {
  await assertPortFree(port);
  const preview = spawn('npx', ['astro', 'preview', '--host', '127.0.0.1', '--port', String(port)], { stdio: 'ignore', detached: true });
  const origin = `http://127.0.0.1:${port}`;
  try {
    await waitForServer(`${origin}/`, 30_000);
  } catch (e) {
    stop(preview);
    throw e;
  }
  return { origin, close: () => stop(preview) };
}

function stop(p: ChildProcess) {
  try {
    if (p.pid) process.kill(-p.pid);
  } catch {
    p.kill();
  }
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
