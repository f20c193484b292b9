/** BOLD monitoring (ANNarchy's `ANNarchy.extensions.bold`). */
export { BoldModel, type BoldModelSpec } from './BoldModel.js';
export { BoldMonitor, type BoldMonitorOptions } from './BoldMonitor.js';
export { balloon_RN, balloon_RL, balloon_CN, balloon_CL, balloon_two_inputs, balloon_maith2021, type BalloonParameters } from './models.js';
