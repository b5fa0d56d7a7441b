"""The catalogue of known mistakes, as data: an id, its name in plain words, how the checker
recognised it and a hint that points at the slip without handing over the answer.

Detectors (`autograder.detectors`) name mistakes by id; the report
(`autograder.report`) reads their words here; docs/mistakes.md lists them all.
"""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Mistake:
    id: str
    name: str      # "ignores the upstream gradient"
    seen: str      # how the checker recognised it, addressed to the student
    hint: str      # a nudge, not the answer


CATALOGUE: dict[str, Mistake] = {m.id: m for m in [
    Mistake("ignored_upstream", "ignores the upstream gradient",
            "Your result stayed the same when grad_output (the gradient arriving from above) was "
            "multiplied by −5, so grad_output does not enter your answer.",
            "A backward function turns dL/d(output) into dL/d(input). The local derivative alone "
            "is only half of the chain rule: what is the other half?"),
    Mistake("overwrite_fanout", "overwrites a gradient instead of adding it up (fan-out)",
            "Your gradients are wrong only for tensors used more than once (like x in x * x or a "
            "diamond), where they equal the share of a single path.",
            "A tensor that feeds several nodes receives a gradient from each of them. What should "
            "happen when a second one arrives for a tensor that already has one?"),
    Mistake("transposed", "a transposed (or wrongly ordered) matrix product",
            "Your result is the expected one transposed, has the transposed shape, or numpy could "
            "not multiply the shapes you combined.",
            "Write down the shape of every array. A gradient has the shape of what it is the "
            "gradient of; which order of factors, and which transposes, produce exactly that shape?"),
    Mistake("wrong_product", "an elementwise product where a matrix product belongs (or the reverse)",
            "Your result matches * where @ was needed (or the other way round), or numpy could not "
            "broadcast the shapes you multiplied elementwise.",
            "* multiplies entry by entry; @ sums products over a shared axis. For each gradient, ask "
            "which index is summed over in the forward computation."),
    Mistake("swapped", "the two inputs' gradients are swapped",
            "Your gradient for the first input is the one the second input should get, and the "
            "other way round.",
            "Nudge one input a little while the other stays fixed: how much does the output move? "
            "That factor belongs to the input you nudged."),
    Mistake("missing_broadcast_sum", "no sum over the broadcast axes",
            "The gradient of the input that was broadcast has the output's shape (or misses the "
            "contributions of all but one row).",
            "A broadcast input was used once for every row (or column) of the output, and every "
            "use sends a gradient back. Which axes did broadcasting add or stretch?"),
    Mistake("wrong_point", "the derivative is evaluated at the wrong quantity",
            "Your result matches the right formula evaluated at the wrong value — for example at "
            "the input x where the output was meant, or σ(1 − x) where 1 − σ(x) was meant.",
            "Check what each variable holds: x is the input, out = f(x) is the output. Write the "
            "derivative down on paper first, then check each factor is evaluated at the same point."),
    Mistake("sign_error", "a sign error",
            "Your result is exactly minus the expected one.",
            "Follow the signs step by step. Moving against the gradient lowers the loss; check each "
            "minus sign in your formula (and the order of a subtraction)."),
    Mistake("missing_factor", "a constant factor is missing or extra",
            "Your result is the expected one times a constant factor.",
            "Differentiate every part of the formula, constants included: an average divides by "
            "the number of terms, and the power rule brings a factor down."),
    Mistake("wrong_order", "nodes (or stages) taken in the wrong order",
            "Your result is right on simple chains but wrong on graphs where a node can be reached "
            "along paths of different lengths, such as add(neg(neg(y)), y).",
            "A node may pass its gradient on only once every node that uses it has sent its share. "
            "Breadth-first order does not guarantee that; which order of the graph does?"),
    Mistake("repeated_nodes", "shared nodes are visited more than once",
            "Tensors used by several nodes appear more than once in your result.",
            "Remember which nodes you have already placed, and skip them when you meet them again."),
    Mistake("in_place", "changes an array it was given",
            "Your function wrote into one of its input arrays. Inputs are read-only here (numpy "
            "says 'assignment destination is read-only'), because the caller still needs them.",
            "Build a new array for your result instead of modifying one you received: operators "
            "such as *= and -= or slice assignment change the array itself."),
    Mistake("unstable", "numerically unstable for large inputs",
            "For inputs around ±1000 your function overflowed: numpy warned, or the result "
            "contains inf or NaN. Wherever nothing overflowed, your result is right.",
            "exp of a large number overflows. Rearrange the formula so that exp only ever sees "
            "arguments that are zero or negative; the value of the formula must not change."),
    Mistake("kink_convention", "the wrong value at the kink",
            "Your result differs only where the input is exactly 0, whatever value you put there.",
            "relu has no derivative at 0, so a convention decides; this course uses relu'(0) = 0. "
            "Which comparison puts 0 on the right side?"),
    Mistake("stale_gradient", "gradients left over from an earlier backward pass",
            "Each row of your result contains the rows before it added in.",
            "backward() adds into .grad instead of replacing it. What must happen to x.grad "
            "before each new backward pass?"),
    Mistake("forward_difference", "a one-sided (forward) difference",
            "Your value equals (f(x + h) − f(x)) / h, which is less accurate than a central "
            "difference.",
            "Step to both sides of x, the same distance each way. How far apart are the two points "
            "you divide by?"),
    Mistake("fixed_step", "ignores the step size it is given",
            "Your result does not change when the step size h (or eps) changes.",
            "Use the step size argument of your function rather than a number of your own."),
    Mistake("missing_onehot", "forgets the target term",
            "Your result equals the softmax probabilities alone (scaled as expected), without "
            "the contribution of the correct labels.",
            "The loss reads the probability of the correct class. Which entries of the gradient "
            "does that add to, and by how much?"),
    Mistake("wrong_eigenvalue", "uses the wrong eigenvalue",
            "Your rate is 2/λ for an eigenvalue λ of H that is not the largest. Along the steepest "
            "direction, the largest eigenvalue, that rate is too large: descent diverges there first.",
            "np.linalg.eigvalsh returns the eigenvalues in increasing order. Which one limits the "
            "learning rate?"),
    Mistake("wrong_axes", "the line is fitted to the wrong quantities",
            "Your slope is not the one of log(times) against log(sizes).",
            "A power law t = a·d^p is a straight line only between log d and log t. Which goes on "
            "which axis?"),
    Mistake("not_least_squares", "a slope through two points, not a least-squares fit",
            "Your slope is the one of the line through the first and the last point only; it agrees "
            "on exact power laws but not on noisy measurements.",
            "Every measurement is noisy. Fit one straight line through all of the points."),
    Mistake("wrong_error_measure", "the error is not measured as the largest relative error",
            "Your check does not report max over the elements of |a − n| / max(1e-8, |a| + |n|).",
            "A relative error must not depend on the scale of the numbers, and one bad element must "
            "be enough to fail. Which formula, and which reduction over the elements, do both?"),
    Mistake("no_shuffle", "the indices are not shuffled",
            "Your batches hold the indices in order 0, 1, 2, ... instead of a random permutation.",
            "Minibatches should mix the samples: draw one permutation from the generator you "
            "are given, then cut it into batches."),
    Mistake("ignores_rng", "the shuffle does not come from rng.permutation(n)",
            "Your batches have the right sizes and hold shuffled indices, but they are not the "
            "consecutive pieces of one rng.permutation(n), so nobody can reproduce your run from the seed.",
            "Draw the permutation from the `rng` argument, not from np.random or a new generator."),
    Mistake("drops_last", "the last, smaller batch is lost",
            "When batch_size does not divide n, the left-over indices are missing from your result.",
            "Count the indices in your batches: every sample must appear exactly once per epoch."),
]}
