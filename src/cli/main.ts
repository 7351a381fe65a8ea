// Entry of the `autograd-lab` command: dispatches the subcommands and turns every failure into one
// line on stderr and a non-zero exit, never a stack trace.
import { version } from '../../package.json';
import { ConfigError } from '../train';
import { UsageError } from './args';
import { runCheck } from './check';
import { runDerive } from './derive';
import { runGraph } from './graph';
import { mainHelp } from './help';
import type { CliIo } from './io';
import { nodeIo } from './nodeIo';
import { runTrain } from './train';
import { runTutorialNumpy } from './tutorialNumpy';
import { errorMessage } from '../common/result';

type Command = (args: string[], io: CliIo) => Promise<number>;

const commands: Record<string, Command> = {
  train: (args, io) => runTrain(args, io, runTutorialNumpy),
  derive: runDerive,
  check: runCheck,
  graph: runGraph,
};

export async function main(argv: string[], io: CliIo = nodeIo()): Promise<number> {
  const [name, ...args] = argv;
  try {
    if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
      io.stdout(mainHelp);
      return name === undefined ? 1 : 0;
    }
    if (name === '--version' || name === '-v') {
      io.stdout(`autograd-lab ${version}\n`);
      return 0;
    }
    const command = Object.hasOwn(commands, name) ? commands[name] : undefined;
    if (!command) {
      io.stderr(
        `autograd-lab: unknown command "${name}"; the commands are ${Object.keys(commands).join(', ')} (autograd-lab --help)\n`,
      );
      return 1;
    }
    return await command(args, io);
  } catch (e) {
    // One line, whatever the error carries (and a usage error's excerpt, such as a caret under an expression).
    const message = errorMessage(e).split('\n')[0];
    if (e instanceof UsageError || e instanceof ConfigError) {
      io.stderr(`autograd-lab ${name}: ${message}\n${e instanceof UsageError ? e.excerpt : ''}`);
    } else {
      io.stderr(`autograd-lab ${name}: internal error: ${message}\n`);
    }
    return 1;
  }
}
