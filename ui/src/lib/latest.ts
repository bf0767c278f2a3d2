// Asking the core about what is on screen when that can change while the
// answer is on its way: a search typed letter by letter, an import's columns
// chosen one after another. Only an answer to the question still standing is kept.

/**
 * Asks `ask` about what `current` gives now, and again whenever that has
 * changed by the time the answer comes, so a slow answer to an earlier question
 * is never taken for the answer to the latest. A failure counts only when it
 * is the latest question's. Resolves to the question answered and its answer.
 */
export async function latestAnswer<Q, R>(
  current: () => Q,
  same: (a: Q, b: Q) => boolean,
  ask: (question: Q) => Promise<R>,
): Promise<{ question: Q; answer: R }> {
  for (;;) {
    const question = current();
    const settled = await ask(question).then(
      (answer) => ({ ok: true as const, answer }),
      (error: unknown) => ({ ok: false as const, error }),
    );
    if (same(question, current())) {
      if (settled.ok) return { question, answer: settled.answer };
      throw settled.error;
    }
  }
}
