// history (ash.c historycmd(), libbb/lineedit.c show_history()): the lines typed at this shell's
// prompts, numbered from 0.

import { type Builtin, out } from "./types.js";

export const history: Builtin = {
  name: "history",
  shells: ["ash"],
  async run(ctx) {
    const lines = ctx.sh.state.history.map((line, i) => `${String(i).padStart(4)} ${line}\n`);
    await out(ctx, lines.join(""));
    return 0;
  },
};
