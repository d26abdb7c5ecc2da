import type { Logger } from '../../monitoring/logger.ts';

/**
 * Test aid (AKOSHA_FAILPOINT=`<move>:<point>`): the job hangs at that point, as if the process
 * froze, so a test can kill it there and check the restart.
 */
export function createFailpoint(setting: string | undefined, logger: Logger) {
  return async (point: string): Promise<void> => {
    if (setting !== point) return;
    logger.warning('failpoint reached', { failpoint: point });
    await new Promise(() => {});
  };
}

export type Failpoint = ReturnType<typeof createFailpoint>;
