import type { IntentName } from '../../intents/index.js';
import type { ResourceName } from '../../schema/resources.js';

/** What one write tool's file declares; `writeTool` turns it into a tool for the toolkit's mode. */
export interface WriteToolSpec {
  /** The intent it runs; also the tool's name. */
  readonly intent: IntentName;
  /** A short title for people (MCP clients show it). */
  readonly title: string;
  /** What the tool does and when to use it, written for a model. */
  readonly description: string;
  /** The resource of the record it writes, for projecting that record. */
  readonly resource: ResourceName;
  /** True when it changes or voids existing records rather than only adding new ones. */
  readonly destructive: boolean;
}
