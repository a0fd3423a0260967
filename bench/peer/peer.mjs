// peer.mjs runs the machines of machines.json on the npm interpreter
// aws-local-stepfunctions (issue 8's in-process peer) and prints, for each,
// the executions per second it sustains running them one after another.
//
//   node peer.mjs MACHINES_JSON [SECONDS_PER_MACHINE] [MACHINE_NAME]
//
// With MACHINE_NAME, only that machine runs (run.sh's rounds alternate
// the peer and sfnmem machine by machine).
// run.sh installs the package and calls this; it is not run by CI.
// Output: one line per machine, "name executions/s N (count in seconds)".

import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';

// aws-local-stepfunctions 3.0.0 declares Node >= 22 and uses
// Promise.withResolvers in its Task states; Node 20 lacks it.
if (typeof Promise.withResolvers !== 'function') {
  Promise.withResolvers = function withResolvers() {
    let resolve, reject;
    const promise = new this((res, rej) => { resolve = res; reject = rej; });
    return { promise, resolve, reject };
  };
}

const { StateMachine } = await import('aws-local-stepfunctions');

const [machinesPath, secondsArg, only] = process.argv.slice(2);
if (!machinesPath) {
  console.error('usage: node peer.mjs MACHINES_JSON [SECONDS_PER_MACHINE] [MACHINE_NAME]');
  process.exit(2);
}
const seconds = Number(secondsArg ?? 3);
const machines = JSON.parse(readFileSync(machinesPath, 'utf8')).filter((m) => !only || m.name === only);

// Every Task state answers {"ok":true}, as sfnmem's BenchmarkPeer handler
// does. The peer mocks tasks by state name, not by resource.
function localHandlers(definition) {
  const handlers = {};
  const visit = (states) => {
    for (const [name, st] of Object.entries(states)) {
      if (st.Type === 'Task') handlers[name] = async () => ({ ok: true });
      const inner = st.ItemProcessor ?? st.Iterator;
      if (inner) visit(inner.States);
      for (const branch of st.Branches ?? []) visit(branch.States);
    }
  };
  visit(definition.States);
  return handlers;
}

for (const m of machines) {
  const sm = new StateMachine(m.definition, { validationOptions: { checkArn: false } });
  const options = { overrides: { taskResourceLocalHandlers: localHandlers(m.definition) } };
  const once = async () => sm.run(m.input, options).result;
  try {
    // Warm up (JIT) for a tenth of the time, then measure.
    for (const end = performance.now() + seconds * 100; performance.now() < end;) await once();
    let n = 0;
    const start = performance.now();
    const end = start + seconds * 1000;
    while (performance.now() < end) {
      await once();
      n++;
    }
    const elapsed = (performance.now() - start) / 1000;
    console.log(`${m.name} executions/s ${(n / elapsed).toFixed(1)} (${n} in ${elapsed.toFixed(2)} s)`);
  } catch (err) {
    console.log(`${m.name} error ${JSON.stringify(String(err?.message ?? err))}`);
  }
}
