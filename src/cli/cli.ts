/** Parses the command line and dispatches to a subcommand. */
import { VERSION } from '../version';

const HELP = `kube-walkthrough: a simulated Kubernetes cluster that shows what every component does

Usage:
  kube-walkthrough run -f FILE [-f FILE...] [--then FILE]... [--nodes N] [--seed S] [--for DURATION] [--json]
  kube-walkthrough --version
  kube-walkthrough --help

Commands:
  run       Start a fresh simulated cluster, apply the files as kubectl apply does,
            run until the cluster is quiet and print what happened.

Options:
  -h, --help      Show this help.
  -v, --version   Print the version.
`;

export async function runCli(args: string[], out: (s: string) => void = (s) => process.stdout.write(s)): Promise<number> {
  const [first] = args;
  if (first === undefined || first === '--help' || first === '-h' || first === 'help') {
    out(HELP);
    return 0;
  }
  if (first === '--version' || first === '-v' || first === 'version') {
    out(`kube-walkthrough ${VERSION}\n`);
    return 0;
  }
  process.stderr.write(`error: unknown command "${first}" for "kube-walkthrough"\nRun 'kube-walkthrough --help' for usage.\n`);
  return 1;
}
