"""The kinds of exercise whose student function is not "arrays in, arrays out": how each is
called and judged (graphs, chains of Jacobians, batches, answers that are values), and the
detectors that read their results. Nothing here computes an answer: the answer key
(`autograder.exercises`) builds the cases and references on top of these classes, and the
visible suites shipped to students (`autograder.shipped`) are instances of them too."""
