# The lessons and scenarios: the list, a lesson in progress, its summary.

## Lessons: opening them
lesson-progress-unreadable = Your progress in this lesson could not be read ({ $why }), so it starts again.
lesson-url-invalid = Parameter 'lesson': { $url } is not a valid lesson: { $why }
lesson-url-failed = Parameter 'lesson': { $url } could not be loaded: { $why }.
lesson-unknown = Parameter 'lesson': unknown lesson '{ $id }'.
scenario-unknown = Parameter 'scenario': unknown scenario '{ $id }'.
