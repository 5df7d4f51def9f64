"""Key dates: the few days of a big story that a newsroom timeline would list.

``evidence`` counts what the bundle says about each day, ``model`` weighs those
counts with weights fitted on Timeline17 (``make train-keydates``), ``sentences``
chooses readable, non-repeating sentences for a day, and ``select`` puts them
together (:func:`~huawei_timeline.keydates.select.select_key_dates`).
"""
