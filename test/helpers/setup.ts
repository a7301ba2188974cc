// Nothing runs before each test file: every run of ua chooses its language (run.ts), and tests
// that call the code directly pass the English words of test/helpers/words.ts.
export {};
