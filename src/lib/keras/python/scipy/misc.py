"""The course's stand-in for ``scipy.misc``: it imports, and every function raises, when called,
that scipy.misc is not in this course. The assignment used it to read and resize photos
(``imread``, ``imresize``), and there are no files here."""

from _stand_in import NO_FILES, any_name

__getattr__ = any_name("scipy.misc", f"scipy.misc is not in this course: it reads and resizes image files, and {NO_FILES}")
