# The lessons and scenarios: the list, a lesson in progress, its summary.
# Lesson texts themselves (titles, goals, hints…) are in the lesson files, in every
# language; these are the words around them. "Show me" lines and replies are never here.

## Lessons: opening them
lesson-progress-unreadable = Your progress in this lesson could not be read ({ $why }), so it starts again.
lesson-url-invalid = Parameter 'lesson': { $url } is not a valid lesson: { $why }
lesson-url-failed = Parameter 'lesson': { $url } could not be loaded: { $why }.
lesson-unknown = Parameter 'lesson': unknown lesson '{ $id }'.
scenario-unknown = Parameter 'scenario': unknown scenario '{ $id }'.
lessons-load-failed = The lessons could not be loaded: { $why }.
lesson-open-failed = “{ $title }” could not be opened: { $why }
# A teacher's lesson file: $name is the file's name; $why stays in English (for
# teachers: the field path and what is wrong there).
lesson-file-invalid = { $name } is not a valid lesson: { $why }
lesson-file-too-big = { $name } is too big for a lesson (at most 1 MB).
lesson-file-unreadable = { $name } could not be read: { $why }.
# A teacher's lesson followed before a reload, which no longer reads.
lesson-saved-invalid = The lesson you were following is not a valid lesson: { $why }

## The list of lessons and scenarios
lessons-label = Lessons
lessons-lead = Guided lessons grade themselves as you type. A lesson starts its own session; leaving it brings your lab back as it was.
lessons-loading = Loading the lessons…
lessons-heading = Lessons
lessons-scenarios-heading = Scenarios: real failures in one click
# A lesson's progress, beside its name.
lessons-done = Done
lessons-passed = { $passed } of { $count ->
    [one] { $count } step
   *[other] { $count } steps
}
lessons-steps = { $count ->
    [one] { $count } step
   *[other] { $count } steps
}
lessons-open-file = Open a lesson file…
lessons-reset-all = Reset all progress…
lessons-reset-all-label = Reset all progress
lessons-reset-all-question = Forget your progress in every lesson? Your own lab is kept.
lessons-reset-all-confirm = Reset all lessons
lessons-cancel = Cancel

## A lesson or scenario being followed: its header
lesson-kind-lesson = Lesson
lesson-kind-scenario = Scenario
# The article's name, for screen readers.
lesson-label = Lesson: { $title }
lesson-scenario-label = Scenario: { $title }
lesson-leave = Leave the lesson
lesson-leave-scenario = Leave the scenario
lesson-start-again = Start again…
lesson-start-again-label = Start again
lesson-start-again-question = Forget your progress in this lesson and start it again?
lesson-reset = Reset this lesson

## A lesson being followed: the introduction, the current step, what was learned
lesson-intro = Introduction
# $learned: what the step taught, from the lesson.
lesson-step-passed = Step { $step } passed: { $learned }
lesson-step = Step { $step } of { $count }
lesson-progress-label = Lesson progress
lesson-progress-text = { $step } of { $count }
lesson-hints-label = Hints
# The button that shows the next hint.
lesson-hint = Hint ({ $number } of { $count })
lesson-show-me = Show me
lesson-solution-lead = The solution, a line at a time (each button fills the input; Enter sends):
lesson-fill-line = Fill in
lesson-fill-message = Fill the message
lesson-learned-heading = What you learned
lesson-learned-label = Steps passed
# After the step passed last, for screen readers.
lesson-just-passed = (just passed)

## A scenario being followed
lesson-scenario-intro-label = What it reproduces
lesson-scenario-advice = What a real client should do
lesson-scenario-try = The console is connected to this server now: try it.

## The summary at the end of a lesson
lesson-complete = Lesson complete
lesson-summary-commands = Commands
lesson-summary-errors = Errors met
lesson-summary-hints = Hints used
lesson-summary-time = Time
lesson-budget-within = { $commands } of a budget of { $budget }: within budget
lesson-budget-over = { $commands }, over the budget of { $budget }
lesson-next = Next lesson: { $title }
# How long the lesson took.
lesson-duration-seconds = { $seconds } s
lesson-duration-minutes = { $minutes } min { $seconds } s
lesson-duration-hours = { $hours } h { $minutes } min

## The bar above the console while a lesson is followed
lesson-bar-label = Lesson in progress
# $goal: the current step's goal, from the lesson.
lesson-bar-step = Step { $step } of { $count }: { $goal }
lesson-bar-open = Open the lesson
