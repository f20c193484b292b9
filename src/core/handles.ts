/**
 * The public types of the user-facing classes of `core/` that refer to one another, for the
 * modules below them (issue 15: the import graph has no cycle, type-only imports included).
 *
 * A population creates its views and a view names its population (`view.population`); a
 * projection creates its dendrites and a dendrite names its projection (`dendrite.projection`); a
 * population names its network (`pop.network`) and the network lists its populations
 * (`pop.network.populations`). Each of those members is public and typed with the full class
 * type, attribute properties included (`view.population.v`). A structural interface in their
 * place would have to repeat every public member of the class (and of the classes those members
 * return), so the types are instead registered here by the module that declares them:
 *
 * - `Population.ts` adds `Population` to {@link CoreClasses}, `Projection.ts` adds `Projection`,
 *   `Monitor.ts` adds `Monitor` (a `declare module './handles.js'` block in each);
 * - a module below them (`PopulationView.ts`, `IndividualNeuron.ts`, `Dendrite.ts`,
 *   `connect-methods.ts`, `network-like.ts`) imports the aliases below from this module, never
 *   the class's module.
 *
 * The aliases are the registered types themselves, not interfaces resembling them: the type of
 * `view.population` is `Population` of `Population.ts`, with every member and attribute, and the
 * compiler prints it as `Population<…>` in messages. The modules stack one way, bottom first,
 * each importing only modules listed before it: `handles`; `PopulationView`, `IndividualNeuron`;
 * `network-like`, `initialise`, `default-network`; `Population`; `projection-checks`,
 * `connect-methods`, `Dendrite`; `Projection`; `Monitor`. A class still creates the objects
 * below it directly (`pop.view()` calls `new PopulationView(this, …)`, `proj.dendrite()` calls
 * `new Dendrite(this, …)`), and nothing changes at run time: this module has no code.
 */

/**
 * The registry of the classes above, filled by their modules through declaration merging (one
 * member per class, named after it). Empty here on purpose: a module that reads a member compiles
 * only in a program that includes the module declaring it, which every entry point does.
 *
 * @typeParam A - the attribute names of the population's neuron or the projection's synapse.
 */
// eslint-disable-next-line @typescript-eslint/no-unused-vars, @typescript-eslint/no-empty-object-type -- filled by declaration merging; A is used by the merged members
export interface CoreClasses<A extends string = string> {}

/** The type `Population` of `core/Population.ts` (registered there), for the modules below it. */
export type Population<A extends string = string> = CoreClasses<A>['Population'];

/** The type `Projection` of `core/Projection.ts` (registered there), for the modules below it. */
export type Projection<A extends string = string> = CoreClasses<A>['Projection'];

/** The class `Monitor` of `core/Monitor.ts` (registered there), for the modules below it. */
export type Monitor = CoreClasses['Monitor'];
