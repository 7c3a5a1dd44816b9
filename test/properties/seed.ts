/** The seed of every fast-check run, so CI sees the same cases; fast-check prints it with a failure. */
export const PROPERTY_SEED = 20_261_201;
