/** Analysis modules: on-demand computations attached to groups (PymoNNto's `AnalysisModule`). */
export { AnalysisModule, analysisModule, analysisModules, analysisResults, type AnalysisArgs } from './AnalysisModule.js';
export { StaticClassification, WeightClassifierPre, WeightClassifierPost, clusterByCorrelation } from './classifiers.js';
