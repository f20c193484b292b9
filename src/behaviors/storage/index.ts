/** Storage of runs (PymoNNto's StorageManager) and save/load of behaviour networks. */
export {
  StorageManager, StorageManagerGroup, STORAGE_MANAGER_OPTIONS,
  type StorageManagerOptions, type LoadParamOptions, type SaveRecorderOptions,
} from './StorageManager.js';
export {
  behaviorNetworkToNpz, behaviorNetworkFromNpz, saveBehaviorNetwork, loadBehaviorNetwork,
  BehaviorStateError, BEHAVIOR_STATE_FORMAT,
} from './network-state.js';
export type { ParamValue } from './ini.js';
