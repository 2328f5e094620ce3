from grader.cli import app

app(prog_name="grader")
