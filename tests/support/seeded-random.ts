/** mulberry32: tests and benches replay a failing random sequence with the lib's own PRNG. */
export { seededRandom } from "@/lib/question-sets/random";
