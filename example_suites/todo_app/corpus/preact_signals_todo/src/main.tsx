// Added to run the demo on its own: the demos site (docs/demos/index.tsx) renders this
// component lazily inside its navigation shell; here it is rendered alone into #root.
import { render } from "preact";
import TodoMVC from "./todo";

render(<TodoMVC />, document.getElementById("root")!);
