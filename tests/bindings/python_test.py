"""The generated Python module of all_types.ir (docs/python.md): values of
every type class in and out, assertion failures, Error, TypeError and
ValueError naming the parameter. Run with the module's directory on
PYTHONPATH."""

import threading
import unittest

import all_types

WIDE = 0x0F_00000000_FFFFFFFFFFFFFFFF
PAIR = (100, (5, ()), 0)
GRID = [[1, 2, 3], [4, 5, 6]]
RECORDS = [(1, 0x1_FFFFFFFFFFFFFFFF), (7, 9)]


def args(**changes):
    values = dict(tok=None, flag=1, small=3, word=1, wide=WIDE, pair=PAIR, grid=GRID, records=RECORDS,
                  nothing=())
    values.update(changes)
    return values


class ValuesTest(unittest.TestCase):
    def test_every_type_class(self):
        result = all_types.mix(**args())
        self.assertEqual(result, (
            0x0F_00000001_0000000000000000,             # wide + word
            0,                                          # not(flag)
            [([4, 5, 6], 105), ([1, 2, 3], 100)],       # the grid rows swapped, with sums
            [9, 6],                                     # bits[65] wraps: 0x1_ff..ff + 7
            (),
            None))

    def test_positional_tuples_for_arrays_and_defaults(self):
        # Arrays may be tuples, tuples lists; the trailing () has a default.
        result = all_types.Runner().run(None, 1, 3, 1, WIDE, list(PAIR), tuple(map(tuple, GRID)), RECORDS)
        self.assertEqual(result[2][0], ([4, 5, 6], 105))

    def test_runner_is_reusable_and_closable(self):
        with all_types.Runner() as runner:
            self.assertEqual(runner(**args(word=2))[0], 0x0F_00000001_0000000000000001)
            self.assertEqual(runner.run(**args(word=3))[0], WIDE + 3)
        with self.assertRaises(ValueError):
            runner.run(**args())

    def test_one_runner_per_thread(self):
        results = []
        threads = [threading.Thread(target=lambda w=w: results.append(all_types.mix(**args(word=w))[0]))
                   for w in range(4)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        self.assertEqual(sorted(results), [WIDE + w for w in range(4)])


class ErrorsTest(unittest.TestCase):
    def test_failed_assertions_carry_messages_labels_and_value(self):
        with self.assertRaises(all_types.AssertionFailedError) as caught:
            all_types.mix(**args(small=0, flag=0))
        error = caught.exception
        self.assertIsInstance(error, all_types.Error)
        self.assertEqual(error.messages, ["small is zero", "flag is clear"])
        self.assertEqual(error.labels, ["nonzero", "flag"])
        self.assertEqual(str(error), "assertion failed: small is zero (2 assertions failed)")
        self.assertEqual(error.code, all_types.ERROR_ASSERTION_FAILED)
        self.assertEqual(error.code_name, "assertion failed")
        self.assertEqual(error.value[1], 1)

    def test_wrong_type_names_the_parameter(self):
        cases = [
            (dict(small="3"), "mix(): parameter 'small': expected an int for bits[5], got str"),
            (dict(pair=5), "mix(): parameter 'pair': expected a tuple for (bits[12], (bits[3], ()), bits[0]), got int"),
            (dict(grid=[[1, 2, 3], [4, 5, 6.0]]), "mix(): parameter 'grid'[1][2]: expected an int for bits[7], got float"),
            (dict(tok=0), "mix(): parameter 'tok': expected None for a token, got int"),
        ]
        for changes, message in cases:
            with self.subTest(changes=changes):
                with self.assertRaises(TypeError) as caught:
                    all_types.mix(**args(**changes))
                self.assertEqual(str(caught.exception), message)

    def test_wrong_width_or_length_names_the_parameter(self):
        cases = [
            (dict(flag=2), "mix(): parameter 'flag': 2 does not fit in bits[1]"),
            (dict(small=-1), "mix(): parameter 'small': -1 does not fit in bits[5]"),
            (dict(wide=1 << 100), "mix(): parameter 'wide': %d does not fit in bits[100]" % (1 << 100)),
            (dict(records=[(1, 2), (7, 1 << 65)]),
             "mix(): parameter 'records'[1][1]: %d does not fit in bits[65]" % (1 << 65)),
            (dict(grid=[[1, 2, 3]]), "mix(): parameter 'grid': expected 2 elements for bits[7][3][2], got 1"),
            (dict(pair=(1, (2, ()), 1)), "mix(): parameter 'pair'[2]: 1 does not fit in bits[0]"),
        ]
        for changes, message in cases:
            with self.subTest(changes=changes):
                with self.assertRaises(ValueError) as caught:
                    all_types.mix(**args(**changes))
                self.assertEqual(str(caught.exception), message)


if __name__ == "__main__":
    unittest.main()
