"""The bench extension's data: one synthetic vector per public thread, found again."""

import numpy as np
import pytest

from community.benchmark.data import Size
from similar import benchmark
from similar.models import Embedding
from tests.factories import make_thread

pytestmark = pytest.mark.django_db


def test_build_gives_every_public_thread_a_unit_vector_and_find_notices_a_new_thread():
    size = Size(threads=10, posts=10)  # size is not read: the threads there are
    first, second = make_thread(title="Roaming costs"), make_thread(title="eSIM activation")
    assert benchmark.find(size) is None
    benchmark.build(size)
    assert set(Embedding.objects.values_list("object_id", flat=True)) == {first.pk, second.pk}
    row = Embedding.objects.get(object_id=first.pk)
    assert row.model_name == benchmark.SYNTHETIC
    assert np.linalg.norm(np.frombuffer(bytes(row.vector), np.float32)) == pytest.approx(
        1, abs=1e-5
    )
    assert benchmark.find(size) is True
    make_thread(title="Invoice PDF")
    assert benchmark.find(size) is None
