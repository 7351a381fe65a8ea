// `autograd-lab check --loss "<expr>" --gradient "<expr>" [--wrt w] [--context FILE] [--at ...]
// [--format text|json]`: compares a hand-written gradient with autograd's and explains the difference.
// Exit 0 when they match, 1 when they differ or the input is bad.
import { checkGradient, type CheckOptions } from '../expr';
import { caretBlock, ExprUsageError, expressionOptions } from './derive';
import { parseExprArgs } from './exprArgs';
import type { CliIo } from './io';
import { errorMessage } from '../common/result';

const checkHelp = `usage: autograd-lab check --loss "<expr>" --gradient "<expr>" [options]

  --wrt w                    the parameter the gradient is for (needed when the loss has several)
  --syntax python|js|math    the expressions' syntax (default: detected)
  --context FILE             a file whose definitions and values the expressions use
  --at w=0,x=[1,2,3,4]       values of names (merged over the file's; sample values fill the rest)
  --format text|json         output (default text)

example: autograd-lab check --loss "((w*x - y)**2).mean()" --gradient "np.dot(2*x, w*x - y).mean()" \\
           --at w=0,x=[1,2,3,4],y=[2,4,6,8]
`;

export async function runCheck(args: string[], io: CliIo): Promise<number> {
  let format = 'text';
  try {
    const { values: flags, positionals } = parseExprArgs(args, {
      loss: { type: 'string' },
      gradient: { type: 'string' },
      wrt: { type: 'string' },
      syntax: { type: 'string' },
      context: { type: 'string' },
      at: { type: 'string' },
      format: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    });
    if (flags.help) {
      io.stdout(checkHelp);
      return 0;
    }
    format = flags.format ?? 'text';
    if (!['text', 'json'].includes(format)) throw new ExprUsageError(`--format must be text or json (got "${format}")`);
    if (positionals.length)
      throw new ExprUsageError(`unexpected argument "${positionals[0]}": give --loss and --gradient`);
    if (!flags.loss || !flags.gradient)
      throw new ExprUsageError('give both --loss "<expr>" and --gradient "<expr>" (autograd-lab check --help)');
    const options: CheckOptions = expressionOptions(flags, io);
    const verdict = checkGradient(flags.loss, flags.gradient, options);
    if (!verdict.ok) {
      if (format === 'json')
        io.stdout(`${JSON.stringify({ error: { message: verdict.error.message, column: verdict.error.column } })}\n`);
      else
        io.stderr(
          caretBlock(
            'check',
            verdict.error,
            verdict.error.message.startsWith('in the loss') ? flags.loss : flags.gradient,
          ),
        );
      return 1;
    }
    if (format === 'json') io.stdout(`${JSON.stringify(verdict.value)}\n`);
    else io.stdout(`${verdict.value.kind === 'match' ? 'ok' : verdict.value.kind}: ${verdict.value.message}\n`);
    return verdict.value.kind === 'match' ? 0 : 1;
  } catch (e) {
    const message = errorMessage(e);
    if (format === 'json') io.stdout(`${JSON.stringify({ error: { message, column: 0 } })}\n`);
    else io.stderr(`autograd-lab check: ${message}\n`);
    return 1;
  }
}
