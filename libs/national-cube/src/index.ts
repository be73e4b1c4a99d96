// The national cube: the provinces' slices as last received, and the summaries kept with each.
export { NationalCubeModule } from './national-cube.module';
export { NATIONAL_CUBE_ENTITIES, NATIONAL_CUBE_MIGRATIONS } from './persistence';
export { CubeSummaries, type SqlRunner } from './summary/cube-summaries';
