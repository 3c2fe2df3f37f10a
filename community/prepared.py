"""Read queries of a fixed shape, compiled to SQL once per database connection.

Django compiles a QuerySet to SQL each time it runs it. For the few queries that every
thread or list page runs (the thread with its space, author and known issue; a hundred
posts ranked by a CASE; a page of list rows across two joins) compiling took longer than
the database took to answer. A ``PreparedQuery`` is made from a function that builds the
QuerySet from whole numbers (primary keys): it is built and compiled once per connection
with stand-ins for those numbers, and every call runs the same SQL with its own numbers
in their places and returns what the QuerySet would — model instances, with what
``select_related`` joined and what ``annotate`` added, or dicts for ``values()``.

Only whole numbers can be arguments: they reach the database as they are, so putting one
in a stand-in's place is exactly what compiling the QuerySet with it would have done.
Anything else that shapes the query (a slice, a list of languages) belongs in the
function itself, with one PreparedQuery per shape.
"""

from collections.abc import Callable
from weakref import WeakKeyDictionary

from django.core.exceptions import EmptyResultSet
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.models.query import ModelIterable, QuerySet, ValuesIterable, get_related_populators

# Whole numbers that stand for the arguments while the query is compiled: within every
# database's integer range (Django leaves a lookup with a number out of range out of the
# query) and far from the small numbers queries contain (ranks, flags, limits).
STAND_INS = tuple(2_013_265_921 - 7_919 * index for index in range(64))
# The numbers a database's largest integer column holds.
SMALLEST, LARGEST = -(2**63), 2**63 - 1


class PreparedQuery:
    """``PreparedQuery(build, arguments=n)(*numbers)`` is ``list(build(*numbers))``, with
    the SQL compiled once per connection.

    `build` must use each of its `arguments` as a value in the query, and nothing else
    that can change (a setting, a module's constant, the time): what it reads besides its
    arguments is fixed at the first call. A page size, say, becomes one PreparedQuery per
    size (``functools.lru_cache`` on a function that makes them).
    """

    def __init__(
        self,
        build: Callable[..., QuerySet],
        *,
        arguments: int = 1,
        using: str = DEFAULT_DB_ALIAS,
    ):
        if not 0 <= arguments <= len(STAND_INS):
            raise ValueError(f"A prepared query takes at most {len(STAND_INS)} arguments.")
        self._build = build
        self._arguments = arguments
        self._using = using
        self._compiled: WeakKeyDictionary = WeakKeyDictionary()

    def __call__(self, *numbers: int) -> list:
        if len(numbers) != self._arguments:
            raise TypeError(f"Expected {self._arguments} arguments, got {len(numbers)}.")
        for number in numbers:
            # bool is an int too, but would reach the database as a different value.
            if type(number) is not int:
                raise TypeError(f"Arguments must be whole numbers, not {number!r}.")
            if not SMALLEST <= number <= LARGEST:
                # Too large for any database column (an address typed by hand): the ORM
                # knows what such a lookup means, the database driver would refuse it.
                return list(self._build(*numbers))
        connection = connections[self._using]
        compiled = self._compiled.get(connection)
        if compiled is None:
            queryset = self._build(*STAND_INS[: self._arguments])
            compiled = _Compiled(queryset, connection, arguments=self._arguments)
            self._compiled[connection] = compiled
        return compiled.run(numbers)


class _Compiled:
    """One PreparedQuery's SQL on one connection, and how to turn its rows into results."""

    def __init__(self, queryset: QuerySet, connection, *, arguments: int):
        if queryset._prefetch_related_lookups or queryset._known_related_objects:
            raise ValueError("A prepared query cannot prefetch or carry known related objects.")
        query = queryset.query
        compiler = query.get_compiler(connection=connection)
        try:
            # Fills compiler.select, klass_info and annotation_col_map, as running it would.
            self.sql, params = compiler.as_sql()
        except EmptyResultSet:
            # Nothing can match (QuerySet.none()): no query runs, as the ORM would run none.
            if arguments:
                raise ValueError("A prepared query with arguments must be able to match.") from None
            self.sql = None
            return
        self.params = list(params)
        self.places: list[tuple[int, int]] = []
        index_of = {stand_in: index for index, stand_in in enumerate(STAND_INS[:arguments])}
        used = set()
        for place, value in enumerate(self.params):
            if type(value) is int and value in index_of:
                self.places.append((place, index_of[value]))
                used.add(index_of[value])
        expected = set(range(arguments))
        if used != expected:
            raise ValueError(
                "Every argument of a prepared query must be a parameter of its SQL: "
                f"found {sorted(used)}, expected {sorted(expected)}."
            )
        self.connection = connection
        self.compiler = compiler
        fields = [selected[0] for selected in compiler.select[: compiler.col_count]]
        self.converters = compiler.get_converters(fields)
        # Columns the ORDER BY needed beyond those selected, cut off as the ORM does.
        self.width = compiler.col_count if compiler.has_extra_select else None
        if queryset._iterable_class is ModelIterable:
            self.make = self._models_maker(queryset, compiler)
        elif queryset._iterable_class is ValuesIterable:
            self.make = self._dicts_maker(query)
        else:
            raise ValueError("A prepared query returns model instances or values() dicts.")

    def run(self, numbers: tuple[int, ...]) -> list:
        if self.sql is None:
            return []
        params = self.params
        if self.places:
            params = list(params)
            for place, index in self.places:
                params[place] = numbers[index]
        with self.connection.cursor() as cursor:
            cursor.execute(self.sql, params)
            rows = cursor.fetchall()
        if self.width is not None:
            rows = [row[: self.width] for row in rows]
        if self.converters:
            rows = self.compiler.apply_converters(rows, self.converters)
        return self.make(rows)

    @staticmethod
    def _models_maker(queryset: QuerySet, compiler) -> Callable:
        """What ModelIterable does with each row, set up once."""
        db = queryset.db
        select, klass_info = compiler.select, compiler.klass_info
        annotations = list(compiler.annotation_col_map.items())
        model = klass_info["model"]
        start, end = klass_info["select_fields"][0], klass_info["select_fields"][-1] + 1
        names = [selected[0].target.attname for selected in select[start:end]]
        populators = get_related_populators(klass_info, select, db)
        from_db = model.from_db

        def make(rows) -> list:
            instances = []
            for row in rows:
                instance = from_db(db, names, row[start:end])
                for populator in populators:
                    populator.populate(row, instance)
                for name, position in annotations:
                    setattr(instance, name, row[position])
                instances.append(instance)
            return instances

        return make

    @staticmethod
    def _dicts_maker(query) -> Callable:
        """What ValuesIterable does with each row."""
        if query.selected:
            names = list(query.selected)
        else:
            names = [*query.extra_select, *query.values_select, *query.annotation_select]

        def make(rows) -> list:
            return [dict(zip(names, row, strict=True)) for row in rows]

        return make


class PreparedSlices:
    """A QuerySet without arguments, read a slice at a time (``rows[20:41]``), each slice
    compiled once: a list page's query is the same for every visitor, only the page
    changes. Deep pages past the first MAX_SLICES read run the QuerySet as usual."""

    MAX_SLICES = 16

    def __init__(self, queryset: QuerySet):
        self.queryset = queryset
        self._slices: dict[tuple, PreparedQuery] = {}

    def __getitem__(self, item: slice) -> list:
        if not isinstance(item, slice) or item.step is not None:
            raise TypeError("Prepared rows are read in slices without a step.")
        key = (item.start, item.stop)
        prepared = self._slices.get(key)
        if prepared is None:
            if len(self._slices) >= self.MAX_SLICES:
                return list(self.queryset[item])
            prepared = PreparedQuery(lambda: self.queryset[item], arguments=0)
            self._slices[key] = prepared
        return prepared()

    def __iter__(self):
        return iter(self[:])
