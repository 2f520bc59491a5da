/** Parses the command line and dispatches to a subcommand. */
import { VERSION } from '../version';
import { runCommand, type Io } from './run';
import { serveCommand } from './serve';

const HELP = `kube-walkthrough: a simulated Kubernetes cluster that shows what every component does

Usage:
  kube-walkthrough run -f FILE [-f FILE...] [--then FILE]... [--nodes N] [--seed S] [--for DURATION] [--json]
  kube-walkthrough serve [--port P] [--kubeconfig PATH] [-f FILE]... [--nodes N] [--speed X]
  kube-walkthrough --version
  kube-walkthrough --help

Commands:
  run       Start a fresh simulated cluster, apply the files as kubectl apply does,
            run until the cluster is quiet and print what happened.
  serve     Start a fresh simulated cluster in real time (scaled by --speed) and serve its
            API on 127.0.0.1 for the real kubectl; writes a kubeconfig and prints
            "ready <url> kubeconfig=<path>". Stops on Ctrl-C.

Options:
  -h, --help      Show this help.
  -v, --version   Print the version.
`;

const defaultIo: Io = {
  out: (s) => process.stdout.write(s),
  err: (s) => process.stderr.write(s),
  color: !!process.stdout.isTTY && !process.env.NO_COLOR,
  waitForEnter: () =>
    new Promise((resolve) => {
      process.stdout.write('(press Enter for the next stage) ');
      process.stdin.once('data', () => resolve());
    }),
};

export async function runCli(args: string[], io: Io = defaultIo): Promise<number> {
  const out = io.out;
  const [first] = args;
  if (first === undefined || first === '--help' || first === '-h' || first === 'help') {
    out(HELP);
    return 0;
  }
  if (first === '--version' || first === '-v' || first === 'version') {
    out(`kube-walkthrough ${VERSION}\n`);
    return 0;
  }
  if (first === 'run') {
    try {
      return await runCommand(args.slice(1), io);
    } catch (err) {
      io.err(`error: ${err instanceof Error ? err.message : String(err)}\n`);
      return 1;
    }
  }
  if (first === 'serve') {
    try {
      return await serveCommand(args.slice(1), io);
    } catch (err) {
      io.err(`error: ${err instanceof Error ? err.message : String(err)}\n`);
      return 1;
    }
  }
  io.err(`error: unknown command "${first}" for "kube-walkthrough"\nRun 'kube-walkthrough --help' for usage.\n`);
  return 1;
}
