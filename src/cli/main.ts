// Entry of the `autograd-lab` command. Placeholder wiring until the engine issue lands the subcommands.
export async function main(argv: string[]): Promise<number> {
  process.stdout.write(`autograd-lab: nothing here yet (${argv.join(' ')})\n`);
  return 1;
}
