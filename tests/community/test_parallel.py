"""The helper that races threads leaves the test process as it found it."""

from celery._state import _set_task_join_will_block, task_join_will_block

from tests.community.parallel import run_in_parallel


def test_threads_that_leave_celerys_join_guard_set_do_not_leak_it_into_later_tests():
    assert task_join_will_block() is False

    def inline_task_left_the_guard_set(i):
        _set_task_join_will_block(True)  # what overlapping inline tasks can end with
        return i

    assert run_in_parallel(inline_task_left_the_guard_set, 3) == [0, 1, 2]
    assert task_join_will_block() is False
