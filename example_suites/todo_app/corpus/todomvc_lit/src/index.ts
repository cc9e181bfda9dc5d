export * from "./lib/todo-app.js";
